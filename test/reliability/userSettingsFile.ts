// The user settings.json of a VS Code under test, changed from outside as a person editing it would
// (VS Code follows the file), and put back as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { writeUserSettings } from '../../tools/userSettings';

export class UserSettingsFile {
  private readonly original: string;

  constructor(private readonly file: string) {
    this.original = readFileSync(file, 'utf8');
  }

  /** Merges `settings` over what the file holds now; a key set to undefined is removed. */
  set(settings: Readonly<Record<string, unknown | undefined>>): void {
    writeUserSettings(this.file, settings);
  }

  /** The file as it was when this object was made. */
  restore(): void {
    writeFileSync(this.file, this.original);
  }
}
