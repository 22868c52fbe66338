// The viewer's notifications, newest first, and marking them read.
import { defineOperation } from '../graphql';

export interface NotificationItem {
  id: string;
  kind: string;
  payload: string;
  createdAt: string;
  readAt: string | null;
  subjectId: string;
  subjectType: string;
  actor: { displayName: string } | null;
}

export const ViewerNotifications = defineOperation<
  {
    viewer: {
      id: string;
      unreadNotificationCount: number;
      notifications: {
        edges: { node: NotificationItem }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  },
  { after: string | null }
>(/* GraphQL */ `
  query ViewerNotifications($after: String) {
    viewer {
      id
      unreadNotificationCount
      notifications(first: 30, after: $after) {
        edges {
          node {
            id
            kind
            payload
            createdAt
            readAt
            subjectId
            subjectType
            actor {
              displayName
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const MarkNotificationsRead = defineOperation<
  { markNotificationsRead: number },
  { input: { all?: boolean; ids?: string[] } }
>(/* GraphQL */ `
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);
