// Writes settings.json for a VS Code under test, merged over whatever is there already.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeUserSettings(file: string, settings: Readonly<Record<string, unknown>>): void {
  mkdirSync(dirname(file), { recursive: true });
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...current, ...settings }, null, 2)}\n`);
}
