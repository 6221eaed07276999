// `node --import tsx scripts/checkVsix.ts [file]`: fails when the packaged VSIX (default rill.vsix)
// is too big or holds anything but what an installed extension needs (tools/vsixContents.ts).
import { checkVsix, describeVsix } from '../tools/vsixContents';

const file = process.argv[2] ?? 'rill.vsix';
try {
  console.log(describeVsix(file, checkVsix(file)));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
