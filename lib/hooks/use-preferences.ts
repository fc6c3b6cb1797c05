import { useCallback } from 'react';
import type { Preferences } from '../bridge/values';
import { sendToBackground } from './runtime';
import { useBridgeQuery } from './use-bridge-query';

/** This browser's preferences, live, and how to change them; undefined until the first read. */
export function usePreferences(): [Preferences | undefined, (patch: Partial<Preferences>) => void] {
  const prefs = useBridgeQuery({ kind: 'preferences' });
  const update = useCallback(
    (patch: Partial<Preferences>) => void sendToBackground({ type: 'preferences.set', patch }),
    [],
  );
  return [prefs, update];
}
