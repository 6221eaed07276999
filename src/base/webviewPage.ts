// The HTML of Rill's webviews (chat, latency report), as a pure function of where their files are
// served from, so that the browser tests and the bench load exactly the page VS Code loads.
// The CSP allows only the extension's own script (with a fresh nonce), stylesheet, fonts and
// images (or inline data images): no connect-src, so a page never talks to a server (its data
// comes from the host), and nothing inline runs.

export interface PageSources {
  /** `webview.cspSource`: the origin the webview's own resources come from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh per page load, 128 bits or more of randomness. */
  readonly nonce: string;
}

/** `body`: the page's static markup before its script runs (trusted, written here, never model text). */
export function webviewPageHtml(s: PageSources, title: string, body: string): string {
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
<title>${escapeAttr(title)}</title>
</head>
<body>
${body}
<script nonce="${escapeAttr(s.nonce)}" src="${escapeAttr(s.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
