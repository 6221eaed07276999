// Whether automatic completion is on for a language right now: the global toggle, the per-language
// table (`rill.completion.languages`, `*` for the rest) and a snooze that ends by itself. An explicit
// trigger (Alt+\) asks even when automatic completion is off; the deny-list is never bypassed.
import type { Clock } from '../base/clock';

export interface EnablementSettings {
  readonly enabled: boolean;
  /** languageId -> enabled; `*` is the default for languages not listed. */
  readonly languages: Readonly<Record<string, boolean>>;
}

export type Availability = 'on' | 'off' | 'language-off' | 'snoozed';

export class Enablement {
  private snoozedUntil = 0;

  constructor(
    private settings: EnablementSettings,
    private readonly clock: Clock,
  ) {}

  update(settings: EnablementSettings): void {
    this.settings = settings;
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  snooze(minutes: number): void {
    this.snoozedUntil = this.clock.now() + minutes * 60_000;
  }

  /** Restores a snooze that outlived a reload. */
  snoozeUntil(time: number): void {
    this.snoozedUntil = time;
  }

  unsnooze(): void {
    this.snoozedUntil = 0;
  }

  /** The end of the current snooze, or undefined when not snoozed. */
  get snoozeEnd(): number | undefined {
    return this.snoozedUntil > this.clock.now() ? this.snoozedUntil : undefined;
  }

  languageEnabled(languageId: string): boolean {
    const table = this.settings.languages;
    return table[languageId] ?? table['*'] ?? true;
  }

  availability(languageId: string): Availability {
    if (!this.settings.enabled) return 'off';
    if (this.snoozeEnd !== undefined) return 'snoozed';
    return this.languageEnabled(languageId) ? 'on' : 'language-off';
  }
}
