/**
 * Just enough of Bicep's syntax to check templates where neither the Bicep CLI nor the Azure CLI is installed:
 * strings (with `${…}` interpolation and `'''` multi-line strings), comments, brackets, and the decorated
 * `param` and `output` declarations at the top level.
 */

export interface Declaration {
  kind: 'param' | 'output';
  name: string;
  type: string;
  /** The text after `=`, if any (a default value for a param, the expression of an output). */
  value?: string;
  /** Decorator name → its argument text, e.g. description → "'The app id.'". */
  decorators: Map<string, string>;
  line: number;
}

/** The source with strings and comments blanked (interpolated expressions kept), and what is malformed. */
export function scanBicep(source: string): { code: string; problems: string[] } {
  const problems: string[] = [];
  const interpolations: number[] = []; // brace depth inside each open `${`
  let code = '';
  let inString = false;
  let line = 1;
  let i = 0;
  const at = (text: string) => source.startsWith(text, i);
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') line++;
    if (!inString) {
      if (at("'''")) {
        const end = source.indexOf("'''", i + 3);
        if (end < 0) {
          problems.push(`line ${line}: unterminated ''' string`);
          break;
        }
        line += source.slice(i, end).split('\n').length - 1;
        code += "''";
        i = end + 3;
      } else if (at('//')) {
        while (i < source.length && source[i] !== '\n') i++;
      } else if (at('/*')) {
        const end = source.indexOf('*/', i + 2);
        if (end < 0) {
          problems.push(`line ${line}: unterminated comment`);
          break;
        }
        line += source.slice(i, end).split('\n').length - 1;
        code += ' ';
        i = end + 2;
      } else if (c === "'") {
        inString = true;
        code += c;
        i++;
      } else if (c === '}' && interpolations.length > 0 && interpolations[interpolations.length - 1] === 0) {
        interpolations.pop(); // back into the string the `${` opened
        inString = true;
        i++;
      } else {
        if (interpolations.length > 0 && c === '{') interpolations[interpolations.length - 1]!++;
        if (interpolations.length > 0 && c === '}') interpolations[interpolations.length - 1]!--;
        code += c;
        i++;
      }
    } else if (c === '\\') {
      i += 2;
    } else if (c === "'") {
      inString = false;
      code += c;
      i++;
    } else if (c === '\n') {
      problems.push(`line ${line - 1}: string not closed before the end of the line`);
      inString = false;
      code += c;
      i++;
    } else if (at('${')) {
      interpolations.push(0);
      inString = false;
      i += 2;
    } else {
      i++;
    }
  }
  if (inString || interpolations.length > 0) problems.push('unterminated string at the end of the file');
  problems.push(...bracketProblems(code));
  return { code, problems };
}

function bracketProblems(code: string): string[] {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const open: { bracket: string; line: number }[] = [];
  const problems: string[] = [];
  let line = 1;
  for (const c of code) {
    if (c === '\n') line++;
    else if (c === '(' || c === '[' || c === '{') open.push({ bracket: c, line });
    else if (c in pairs) {
      const last = open.pop();
      if (!last || last.bracket !== pairs[c]) {
        problems.push(
          `line ${line}: '${c}' closes ${last ? `'${last.bracket}' of line ${last.line}` : 'nothing'}`,
        );
      }
    }
  }
  for (const { bracket, line: opened } of open) problems.push(`line ${opened}: '${bracket}' never closed`);
  return problems;
}

/** The top-level params and outputs with their decorators (which may span lines, like `@allowed([ … ])`). */
export function declarations(source: string): Declaration[] {
  const lines = source.split('\n');
  const found: Declaration[] = [];
  let pending = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const decorator = /^@(\w+)\((.*)$/.exec(text);
    if (decorator) {
      let argument = decorator[2]!;
      // A decorator whose brackets stay open continues on the next lines.
      while (bracketProblems(scanBicep(argument).code).some((problem) => problem.includes('never closed'))) {
        i++;
        if (i >= lines.length) break;
        argument += `\n${lines[i]}`;
      }
      pending.set(decorator[1]!, argument.replace(/\)\s*$/, ''));
      continue;
    }
    const declaration = /^(param|output)\s+(\w+)\s+([\w.[\]]+)(?:\s*=\s*(.*))?$/.exec(text);
    if (declaration) {
      found.push({
        kind: declaration[1] as Declaration['kind'],
        name: declaration[2]!,
        type: declaration[3]!,
        value: declaration[4],
        decorators: pending,
        line: i + 1,
      });
    }
    pending = new Map();
  }
  return found;
}
