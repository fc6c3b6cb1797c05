import { browser } from 'wxt/browser';
import { startBackground } from '../lib/background/start-background';

export default defineBackground(() => {
  startBackground({ browser, scope: self });
});
