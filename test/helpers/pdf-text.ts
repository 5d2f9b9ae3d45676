import { execFile } from 'node:child_process';
import path from 'node:path';
import { findProjectRoot } from '../../platform/project-root';

/**
 * The text of a PDF, extracted by pdf-parse (pdf.js) in a child Node
 * process: pdf.js loads its worker by dynamic import, which jest's module
 * sandbox refuses.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    import { PDFParse } from 'pdf-parse';
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
    const { text } = await parser.getText();
    process.stdout.write(text);
  `;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: path.join(findProjectRoot(__dirname)), maxBuffer: 10 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin!.end(pdf);
  });
}
