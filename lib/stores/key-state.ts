import { create } from 'zustand';
import type { KeyState } from '../keyboard/key-guard';

/** The panel frame's key guard as it stands (`guardKeys`); pages without the guard keep the initial state. */
export const useKeyState = create<KeyState>()(() => ({ armed: false, refused: null }));
