import type { Browser, browser } from 'wxt/browser';

/** The extension APIs the background uses, passed in so that tests can hand it WXT's fake browser. */
export type BackgroundBrowser = Pick<
  typeof browser,
  'runtime' | 'tabs' | 'alarms' | 'action' | 'storage' | 'permissions'
>;

export type MessageSender = Browser.runtime.MessageSender;
export type Port = Browser.runtime.Port;
