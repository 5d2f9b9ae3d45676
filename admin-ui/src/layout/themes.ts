import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';
import { exporter } from '../exporter';

/**
 * react-admin's themes with a sidebar wide enough for the longest menu
 * entries ("Relations employeur/salarié"), page actions that go on a second
 * line rather than past the window's edge, and one export for every list
 * (as French Excel opens it).
 */
const backOffice = (theme: RaThemeOptions): RaThemeOptions => ({
  ...theme,
  sidebar: { width: 270, closedWidth: 50 },
  components: {
    ...theme.components,
    RaTopToolbar: { styleOverrides: { root: { flexWrap: 'wrap' } } },
    RaList: { defaultProps: { exporter } },
  },
});

export const lightTheme = backOffice(defaultLightTheme);
export const darkTheme = backOffice(defaultDarkTheme);
