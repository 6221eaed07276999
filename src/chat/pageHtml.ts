// The chat webview's HTML, as a pure function of where its files are served from, so that the
// browser tests and the bench load exactly the page VS Code loads. The CSP allows only the
// extension's own script (with a fresh nonce), stylesheet and font: no network, no inline code.

export interface PageSources {
  /** `webview.cspSource`: the origin the webview's own resources come from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh per page load, 128 bits or more of randomness. */
  readonly nonce: string;
}

export function chatPageHtml(s: PageSources): string {
  // No connect-src (default 'none'): the page never talks to a server; everything goes through
  // the host. Images only from the extension or inline data: model output cannot make the page
  // fetch anything.
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
<title>Rill Chat</title>
</head>
<body>
<div id="app"></div>
<script nonce="${escapeAttr(s.nonce)}" src="${escapeAttr(s.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
