// Viewer.permissionClass: equal exactly when no permission rule can tell two viewers apart.
import { describe, expect, it } from 'vitest';
import { Viewer, type Credential, type ViewerMembership, type ViewerUser } from './viewer.ts';

const user: ViewerUser = { id: 'u1', email: 'a@example.jp', displayName: '佐藤 由美', locale: 'ja' };
const member: ViewerMembership = { role: 'COMMITTEE_MEMBER', wardId: 'w1', sectionId: null, committeeId: 'c1' };
const session: Credential = { kind: 'session', sessionId: 's1' };
const token: Credential = { kind: 'token', tokenId: 't1', scopes: ['READ_WARD'], wardId: 'w1' };

const viewer = (u: ViewerUser = user, m: ViewerMembership[] = [member], c: Credential = session) =>
  Viewer.signedIn(u, m, c);

describe('the permission class of a viewer', () => {
  it('is the same for two sessions or two tokens of one user with the same grants', () => {
    expect(viewer(user, [member], { kind: 'session', sessionId: 's2' }).permissionClass).toBe(viewer().permissionClass);
    expect(viewer(user, [member], { ...token, tokenId: 't2' }).permissionClass).toBe(
      viewer(user, [member], token).permissionClass,
    );
    expect(Viewer.anonymous().permissionClass).toBe(Viewer.anonymous().permissionClass);
  });

  it('differs when anything a rule can consult differs', () => {
    const variants = [
      viewer(),
      viewer({ ...user, id: 'u2' }),
      viewer({ ...user, email: 'b@example.jp' }),
      viewer({ ...user, displayName: '別人' }),
      viewer({ ...user, locale: 'en' }),
      viewer(user, []),
      viewer(user, [{ ...member, role: 'COMMITTEE_CHAIR' }]),
      viewer(user, [{ ...member, wardId: 'w2' }]),
      viewer(user, [{ ...member, sectionId: 's1' }]),
      viewer(user, [{ ...member, committeeId: 'c2' }]),
      viewer(user, [member, { ...member, role: 'WARD_MAYOR' }]),
      viewer(user, [{ ...member, role: 'WARD_MAYOR' }, member]),
      viewer(user, [member], token),
      viewer(user, [member], { ...token, scopes: ['READ_ALL'] }),
      viewer(user, [member], { ...token, wardId: 'w2' }),
      Viewer.anonymous(),
      Viewer.anonymous(true),
    ];
    expect(new Set(variants.map((v) => v.permissionClass)).size).toBe(variants.length);
  });

  it('covers every field of the viewer (add a new one to permissionClass, then here)', () => {
    // A field the fingerprint does not know about could let two viewers share results they
    // should not: this fails when Viewer or its parts gain a field.
    const v = viewer(user, [member], token);
    expect(Object.keys(v).sort()).toEqual(['credential', 'memberships', 'user']);
    expect(Object.keys(v.user!).sort()).toEqual(['displayName', 'email', 'id', 'locale']);
    expect(Object.keys(v.memberships[0]!).sort()).toEqual(['committeeId', 'role', 'sectionId', 'wardId']);
    expect(Object.keys(token).sort()).toEqual(['kind', 'scopes', 'tokenId', 'wardId']);
    expect(Object.keys(session).sort()).toEqual(['kind', 'sessionId']);
    expect(Object.keys(Viewer.anonymous().credential).sort()).toEqual(['kind', 'sessionExpired']);
  });
});
