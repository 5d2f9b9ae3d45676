import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's themes with a sidebar wide enough for the longest menu entries ("Relations employeur/salarié"). */
const sidebar = { width: 270, closedWidth: 50 };

export const lightTheme: RaThemeOptions = { ...defaultLightTheme, sidebar };
export const darkTheme: RaThemeOptions = { ...defaultDarkTheme, sidebar };
