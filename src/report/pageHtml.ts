// The latency report webview's HTML, a pure function of where its files are served from, so that
// the browser tests load exactly the page VS Code loads. Strict CSP: the extension's own script
// (nonce'd) and stylesheet, nothing from the network, no inline code.

export interface ReportPageSources {
  /** `webview.cspSource`: the origin the webview's own resources come from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh per page load, 128 bits or more of randomness. */
  readonly nonce: string;
}

export function reportPageHtml(s: ReportPageSources): string {
  // No connect-src (default 'none'): the report never talks to a server, its data comes from the host.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${s.nonce}'`,
    `style-src ${s.cspSource}`,
    `font-src ${s.cspSource}`,
    `img-src ${s.cspSource} data:`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(s.styleUri)}">
<title>Rill Latency Report</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${escapeAttr(s.nonce)}" src="${escapeAttr(s.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
