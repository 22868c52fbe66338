// The staff menu.
export const ja = {
  home: 'ホーム',
  notifications: '通知',
};

export const en: typeof ja = {
  home: 'Home',
  notifications: 'Notifications',
};
