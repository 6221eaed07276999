// The demo model of a folder on disk, rebuilt when files in it change, so that what the user
// writes and saves in the demo workspace is what the model completes from next.
import { type FSWatcher, watch } from 'node:fs';
import { readWorkspace } from './corpus';
import { type WorkspaceModel, buildWorkspaceModel } from './model/workspaceModel';

/** Saves come in bursts (format on save, several files): rebuild once they settle. */
const REBUILD_DELAY_MS = 300;

export class LiveModel {
  private model: WorkspaceModel;
  private readonly watcher: FSWatcher;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly root: string,
    private readonly order: number | undefined,
    private readonly onRebuilt: (model: WorkspaceModel) => void = () => {},
  ) {
    this.model = this.build();
    this.watcher = watch(root, { recursive: true }, () => this.scheduleRebuild());
    this.watcher.on('error', () => {}); // the folder went away: keep serving the last model
  }

  get current(): WorkspaceModel {
    return this.model;
  }

  private scheduleRebuild(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      try {
        this.model = this.build();
        this.onRebuilt(this.model);
      } catch {
        // The folder is gone or unreadable for a moment: keep serving the last model.
      }
    }, REBUILD_DELAY_MS);
  }

  private build(): WorkspaceModel {
    return buildWorkspaceModel(readWorkspace(this.root), this.order);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher.close();
  }
}
