// Text that is not Rill's own (a server's error message, a file name from a repository) going into
// a VS Code notification. VS Code turns `[label](target)` in a notification's message into a link,
// and a `command:` target into a command it runs, arguments and all, when the link is clicked.
// Breaking the `](` of every such pair keeps the text readable and leaves nothing to click.
export function notificationText(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}
