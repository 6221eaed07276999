// Rill: Select Model…: pick the role (completion or chat), then a model the configured server
// reports (for OpenAI, only those that can do the role's work), the configured one, or any id typed in. The choice is written to the user's settings.
import * as vscode from 'vscode';
import { DisposableStore } from '../base/disposable';
import { openAiModelsFor } from '../llm/modelKinds';
import type { RillLog } from './log';
import type { ProviderRegistry } from './providers';
import type { EndpointRole } from './settings';

export interface ModelChoices {
  readonly configured: string;
  /** What the server reports, sorted, without duplicates; empty when it cannot list them. */
  readonly reported: readonly string[];
  /** Why the list is empty, when the server could not be asked. */
  readonly problem?: string;
}

interface RolePick extends vscode.QuickPickItem {
  readonly role: EndpointRole;
}

interface ModelPick extends vscode.QuickPickItem {
  readonly model?: string;
  readonly typeIn?: true;
  /** Why the server's models could not be listed, shown whole when picked (a placeholder cuts it). */
  readonly problem?: string;
}

const LIST_TIMEOUT_MS = 5000;
const ROLE_LABELS: Record<EndpointRole, string> = { completion: 'Completion model', chat: 'Chat model' };

export class ModelSwitcher implements vscode.Disposable {
  private readonly command: vscode.Disposable;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly log: RillLog,
  ) {
    // No arguments: the role and model are always the user's picks, whoever runs the command.
    this.command = vscode.commands.registerCommand('rill.selectModel', () => this.select());
  }

  /** The models to offer for a role: the configured one and what its server reports. */
  async choices(role: EndpointRole, signal: AbortSignal = AbortSignal.timeout(LIST_TIMEOUT_MS)): Promise<ModelChoices> {
    const endpoint = this.providers.endpoint(role);
    const configured = endpoint.model;
    try {
      const provider = await this.providers.get(role);
      const listed = [...new Set(await provider.listModels(signal))].filter((m) => m.trim() !== '').sort();
      // OpenAI lists its embedding, speech and image models too, which fail any text request.
      const reported = endpoint.provider === 'openai' ? openAiModelsFor(role, listed) : listed;
      return { configured, reported };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.log.debug(`Select Model: could not list the ${role} server's models (${problem}).`);
      return { configured, reported: [], problem };
    }
  }

  /** Writes `rill.<role>.model` to the user settings; warns when a workspace value hides it. */
  async set(role: EndpointRole, model: string): Promise<void> {
    const config = vscode.workspace.getConfiguration('rill');
    await config.update(`${role}.model`, model, vscode.ConfigurationTarget.Global);
    this.log.info(`${ROLE_LABELS[role]} set to ${model} (user settings).`);
    const inspected = vscode.workspace.getConfiguration('rill').inspect<string>(`${role}.model`);
    const hiding = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    if (hiding !== undefined && hiding !== model) {
      void vscode.window.showWarningMessage(
        `Rill: this workspace sets rill.${role}.model to "${hiding}", which wins over your user setting here. Remove it from the workspace settings to use ${model}.`,
      );
    }
  }

  /** The command: the user picks the role, then the model. */
  async select(): Promise<string | undefined> {
    const chosenRole = await this.pickRole();
    if (!chosenRole) return undefined;
    const chosen = await this.pickModel(chosenRole);
    if (!chosen) return undefined;
    await this.set(chosenRole, chosen);
    return chosen;
  }

  private async pickRole(): Promise<EndpointRole | undefined> {
    const items: RolePick[] = (['completion', 'chat'] as const).map((role) => ({
      role,
      label: ROLE_LABELS[role],
      description: this.providers.endpoint(role).model,
      detail: role === 'completion' ? 'Ghost text while you type.' : 'The chat panel, Ask and Generate at Cursor.',
    }));
    return (await vscode.window.showQuickPick(items, { title: 'Rill: Select Model for…' }))?.role;
  }

  private pickModel(role: EndpointRole): Promise<string | undefined> {
    const pick = vscode.window.createQuickPick<ModelPick>();
    pick.title = `Rill: ${ROLE_LABELS[role]}`;
    pick.placeholder = 'Pick a model, or type a model id';
    pick.matchOnDescription = true;
    pick.busy = true;
    const configured = this.providers.endpoint(role).model;
    let listed: ModelChoices = { configured, reported: [] };
    // The configured model comes first, so it is the active item until the user moves.
    const render = (): void => {
      pick.items = modelItems(listed, pick.value);
    };
    render();
    const loading = new AbortController();
    void this.choices(role, AbortSignal.any([loading.signal, AbortSignal.timeout(LIST_TIMEOUT_MS)])).then((c) => {
      listed = c;
      pick.busy = false;
      if (c.problem) pick.placeholder = "Could not list the server's models (pick the warning below for why); type a model id";
      render();
    });
    return new Promise((resolve) => {
      const disposables = new DisposableStore();
      /** The pick was hidden to ask for a typed id: its hiding is no cancel. */
      let askingForId = false;
      disposables.add(pick.onDidChangeValue(render));
      disposables.add(
        pick.onDidAccept(async () => {
          const item = pick.selectedItems[0];
          if (item?.problem) {
            pick.hide();
            void vscode.window.showWarningMessage(`Rill could not list the server's models: ${item.problem}`);
            return;
          }
          if (item?.typeIn) {
            askingForId = true;
            pick.hide();
            const typed = await vscode.window.showInputBox({ title: pick.title, prompt: 'The model id, exactly as the server names it.', value: configured });
            resolve(typed?.trim() || undefined);
            return;
          }
          resolve(item?.model);
          pick.hide();
        }),
      );
      disposables.add(
        pick.onDidHide(() => {
          loading.abort();
          if (!askingForId) resolve(undefined);
          disposables.dispose();
        }),
      );
      disposables.add(pick);
      pick.show();
    });
  }

  dispose(): void {
    this.command.dispose();
  }
}

/** The quick pick's items: what was typed (as a model id), the configured model, why the list failed, the server's, and "type a model id". */
export function modelItems(choices: ModelChoices, typed: string): ModelPick[] {
  const value = typed.trim();
  const known = new Set([choices.configured, ...choices.reported]);
  const items: ModelPick[] = [];
  if (value && !known.has(value)) items.push({ label: value, description: 'use this model id', model: value, alwaysShow: true });
  items.push({ label: choices.configured, description: 'current', model: choices.configured });
  // The reason, whole, one pick away: a placeholder or a detail line cuts a message that says how to fix it.
  if (choices.problem) items.push({ label: "$(warning) The server's models could not be listed", detail: choices.problem, problem: choices.problem, alwaysShow: true });
  const others = choices.reported.filter((m) => m !== choices.configured);
  if (others.length) items.push({ label: 'reported by the server', kind: vscode.QuickPickItemKind.Separator });
  for (const model of others) items.push({ label: model, model });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(edit) Type a model id…', typeIn: true, alwaysShow: true });
  return items;
}
