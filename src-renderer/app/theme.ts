/**
 * The window's theme, kept in this browser profile so it applies before the vault is unlocked. Its own
 * module so the frame can apply it without loading the Settings screen (screens load on first visit).
 */
import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';

export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem('casework.theme') === 'dark' ? 'dark' : 'light'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('casework.theme', theme);
  }, [theme]);
  return [theme, setTheme];
}
