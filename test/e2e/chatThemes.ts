// VS Code theme variables for loading the chat page outside VS Code (browser tests, bench,
// screenshots). Values from VS Code's Dark Modern, Light Modern, High Contrast and High Contrast
// Light themes (1.139.1); inside VS Code the workbench sets these on the webview's <html>, and adds
// its default styles for every webview (VS_CODE_DEFAULT_STYLES).

export type ThemeName = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';

const common: Record<string, string> = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "DejaVu Sans Mono", monospace',
  'editor-font-size': '13px',
};

const themes: Record<ThemeName, { body: string; background: string; vars: Record<string, string> }> = {
  dark: {
    body: 'vscode-dark',
    background: '#181818',
    vars: {
      foreground: '#cccccc', descriptionForeground: '#9d9d9d', 'widget-border': '#313131',
      'textCodeBlock-background': '#2b2b2b', 'input-background': '#313131', 'input-foreground': '#cccccc',
      'input-border': '#3c3c3c', 'input-placeholderForeground': '#989898', focusBorder: '#0078d4',
      'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
      'toolbar-hoverBackground': 'rgba(90, 93, 94, 0.31)', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
      errorForeground: '#f85149', 'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100',
      'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', 'textBlockQuote-background': '#2b2b2b',
      'textBlockQuote-border': '#616161', 'icon-foreground': '#cccccc', 'dropdown-background': '#313131',
      'dropdown-foreground': '#cccccc', 'dropdown-border': '#3c3c3c', 'editorGroupHeader-tabsBackground': '#1f1f1f',
      'symbolIcon-keywordForeground': '#569cd6', 'symbolIcon-functionForeground': '#dcdcaa', 'symbolIcon-classForeground': '#4ec9b0',
      'symbolIcon-variableForeground': '#9cdcfe', 'symbolIcon-propertyForeground': '#9cdcfe', 'symbolIcon-constantForeground': '#4fc1ff',
      'debugTokenExpression-string': '#ce9178', 'debugTokenExpression-number': '#b5cea8',
      'textPreformat-foreground': '#d0d0d0', 'textPreformat-background': '#3c3c3c',
    },
  },
  light: {
    body: 'vscode-light',
    background: '#f8f8f8',
    vars: {
      foreground: '#3b3b3b', descriptionForeground: '#717171', 'widget-border': '#e5e5e5',
      'textCodeBlock-background': '#f2f2f2', 'input-background': '#ffffff', 'input-foreground': '#3b3b3b',
      'input-border': '#cecece', 'input-placeholderForeground': '#767676', focusBorder: '#005fb8',
      'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
      'toolbar-hoverBackground': 'rgba(184, 184, 184, 0.31)', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
      errorForeground: '#a1260d', 'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100',
      'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', 'textBlockQuote-background': '#f8f8f8',
      'textBlockQuote-border': '#e5e5e5', 'icon-foreground': '#3b3b3b', 'dropdown-background': '#ffffff',
      'dropdown-foreground': '#3b3b3b', 'dropdown-border': '#cecece', 'editorGroupHeader-tabsBackground': '#f8f8f8',
      'symbolIcon-keywordForeground': '#0000ff', 'symbolIcon-functionForeground': '#795e26', 'symbolIcon-classForeground': '#267f99',
      'symbolIcon-variableForeground': '#001080', 'symbolIcon-propertyForeground': '#001080', 'symbolIcon-constantForeground': '#0070c1',
      'debugTokenExpression-string': '#a31515', 'debugTokenExpression-number': '#098658',
      'textPreformat-foreground': '#3b3b3b', 'textPreformat-background': '#0000001f',
    },
  },
  'high-contrast': {
    body: 'vscode-high-contrast',
    background: '#000000',
    vars: {
      foreground: '#ffffff', descriptionForeground: '#ffffff', 'widget-border': '#6fc3df', contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518', 'textCodeBlock-background': '#000000', 'input-background': '#000000',
      'input-foreground': '#ffffff', 'input-border': '#6fc3df', focusBorder: '#f38518', 'button-background': '#000000',
      'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'badge-background': '#000000', 'badge-foreground': '#ffffff',
      errorForeground: '#f48771', 'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#f48771',
      'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff', 'textBlockQuote-border': '#ffffff',
      'icon-foreground': '#ffffff', 'dropdown-background': '#000000', 'dropdown-foreground': '#ffffff', 'dropdown-border': '#6fc3df',
      'symbolIcon-keywordForeground': '#569cd6', 'symbolIcon-functionForeground': '#dcdcaa', 'symbolIcon-classForeground': '#4ec9b0',
      'debugTokenExpression-string': '#ce9178', 'debugTokenExpression-number': '#b5cea8',
      // No textPreformat-background in this theme.
      'textPreformat-foreground': '#ffffff',
    },
  },
  'high-contrast-light': {
    body: 'vscode-high-contrast vscode-high-contrast-light',
    background: '#ffffff',
    vars: {
      foreground: '#292929', descriptionForeground: 'rgba(41, 41, 41, 0.7)', 'widget-border': '#0f4a85', contrastBorder: '#0f4a85',
      contrastActiveBorder: '#006bbd', 'textCodeBlock-background': '#f2f2f2', 'input-background': '#ffffff',
      'input-foreground': '#292929', 'input-border': '#0f4a85', focusBorder: '#006bbd', 'button-background': '#0f4a85',
      'button-foreground': '#ffffff', 'button-border': '#0f4a85', 'badge-background': '#0f4a85', 'badge-foreground': '#ffffff',
      errorForeground: '#b5200d', 'inputValidation-errorBackground': '#ffffff', 'inputValidation-errorBorder': '#b5200d',
      'textLink-foreground': '#0f4a85', 'textLink-activeForeground': '#0f4a85', 'textBlockQuote-background': '#f2f2f2',
      'textBlockQuote-border': '#292929', 'icon-foreground': '#292929', 'dropdown-background': '#ffffff',
      'dropdown-foreground': '#292929', 'dropdown-border': '#0f4a85', 'input-placeholderForeground': 'rgba(41, 41, 41, 0.7)',
      'symbolIcon-keywordForeground': '#292929', 'symbolIcon-functionForeground': '#652d90', 'symbolIcon-variableForeground': '#007acc',
      'debugTokenExpression-string': '#a31515', 'debugTokenExpression-number': '#098658',
      'textPreformat-foreground': '#ffffff', 'textPreformat-background': '#09345f',
    },
  },
};

/**
 * What VS Code puts into every webview before the page's own styles (the code rules of its
 * `vscode-default` layer, webview/browser/pre/index.html): a page that leaves a code element's
 * colour or background unset gets these.
 */
const VS_CODE_DEFAULT_STYLES = `@layer vscode-default {
  code { color: var(--vscode-textPreformat-foreground); background-color: var(--vscode-textPreformat-background); padding: 1px 3px; border-radius: 4px; }
  pre code { padding: 0; }
}`;

/** A stylesheet that sets the theme's variables, as VS Code does for a webview. */
export function themeCss(name: ThemeName): string {
  const t = themes[name];
  const vars = Object.entries({ ...common, ...t.vars })
    .map(([k, v]) => `  --vscode-${k}: ${v};`)
    .join('\n');
  return `${VS_CODE_DEFAULT_STYLES}\n:root {\n${vars}\n}\nbody { background: ${t.background}; }\n`;
}

export function themeBodyClass(name: ThemeName): string {
  return themes[name].body;
}
