import type { Browser, browser } from 'wxt/browser';

/**
 * The extension APIs the background uses, passed in so that tests can hand it WXT's fake browser. `notifications`
 * and `scripting` exist only when the manifest asks for their permission: check before use.
 */
export type BackgroundBrowser = Pick<
  typeof browser,
  | 'runtime'
  | 'tabs'
  | 'windows'
  | 'alarms'
  | 'action'
  | 'storage'
  | 'permissions'
  | 'notifications'
  | 'scripting'
  | 'commands'
>;

export type MessageSender = Browser.runtime.MessageSender;
export type Port = Browser.runtime.Port;
