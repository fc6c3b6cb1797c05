import { create } from 'zustand';
import type { KeyState } from '../keyboard/key-guard';

/**
 * The panel frame's guards as they stand: whether it takes keys (`guardKeys`), and why it last stopped a key or a
 * click (`guardKeys`, `guardSight`). Pages without the guards keep the initial state.
 */
export const usePanelGuard = create<KeyState>()(() => ({ armed: false, refused: null }));
