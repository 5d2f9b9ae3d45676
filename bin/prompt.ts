/** Reads one line from the terminal without echoing it (for passwords). */
export function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let answer = '';
    const onData = (char: string) => {
      if (char === '\r' || char === '\n' || char === '\u0004') {
        stdin.setRawMode?.(false);
        stdin.pause();
        stdin.off('data', onData);
        process.stdout.write('\n');
        resolve(answer);
      } else if (char === '\u0003') {
        process.exit(130);
      } else if (char === '\u007f') {
        answer = answer.slice(0, -1);
      } else {
        answer += char;
      }
    };
    stdin.on('data', onData);
  });
}
