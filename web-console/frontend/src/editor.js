// The DRL editor: CodeMirror 6 with a small DRL highlighter, line numbers, and compile errors
// from the server marked at their line while typing.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { StreamLanguage } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { compilerText } from './reasons.js';

const KEYWORDS = new Set(['package', 'import', 'rule', 'when', 'then', 'end', 'not', 'exists', 'forall', 'from',
  'collect', 'accumulate', 'eval', 'and', 'or', 'salience', 'no-loop', 'lock-on-active', 'agenda-group',
  'dialect', 'insert', 'insertLogical', 'modify', 'update', 'delete', 'retract', 'query', 'declare',
  'function', 'global', 'extends', 'matches', 'memberOf', 'contains', 'in', 'new', 'return', 'if', 'else']);
const ATOMS = new Set(['true', 'false', 'null']);

/** Drools Rule Language, enough to colour keywords, strings, comments, bindings and types. */
export const drl = StreamLanguage.define({
  name: 'drl',
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.match('*/');
        state.inComment = false;
      } else {
        stream.skipToEnd();
      }
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^\$[\w]+/)) return 'variableName.special';
    if (stream.match(/^\d+(\.\d+)?[lLdDfF]?/)) return 'number';
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return 'keyword';
      if (ATOMS.has(word)) return 'atom';
      if (/^[A-Z]/.test(word)) return 'typeName';
      return 'variableName';
    }
    if (stream.match(/^[=!<>]=?|^&&|^\|\||^[+\-*/%]/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
});

const theme = EditorView.theme({
  '&': { maxHeight: '30rem', fontSize: '14px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: '3px solid #f2a900', outlineOffset: '1px' },
  '.cm-scroller': { overflow: 'auto', fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace' },
  '.cm-gutters': { backgroundColor: '#f1f3f7', color: '#5a6478', borderRight: '1px solid #d6dbe4' },
  // CodeMirror draws error marks with data: SVG images, which the CSP (default-src 'self') refuses:
  // the same marks in plain CSS instead, a wavy underline and a round gutter dot.
  '.cm-lintRange': { backgroundImage: 'none', paddingBottom: '0' },
  '.cm-lintRange-error': { textDecoration: 'underline wavy #c5221f', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { textDecoration: 'underline wavy #b36b00', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-lintRange-info, .cm-lintRange-hint': { textDecoration: 'underline dotted #5a6478', textUnderlineOffset: '3px' },
  '.cm-lint-marker': { content: 'normal', boxSizing: 'border-box', borderRadius: '50%', width: '0.9em', height: '0.9em', marginTop: '0.15em' },
  '.cm-lint-marker-error': { backgroundColor: '#f87', border: '2px solid #c5221f' },
  '.cm-lint-marker-warning': { backgroundColor: '#fe8', border: '2px solid #b36b00', borderRadius: '2px' },
  '.cm-lint-marker-info': { backgroundColor: '#aaf', border: '2px solid #77e', borderRadius: '2px' },
});

/** Moves the cursor to a line (1-based) and column, scrolls it into view and focuses the editor. */
export function goToLine(view, line, column) {
  const { from } = position(view.state.doc, line, column);
  view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
  view.focus();
}

function position(doc, line, column) {
  const l = doc.line(Math.min(Math.max(line || 1, 1), doc.lines));
  const from = Math.min(l.from + Math.max((column || 1) - 1, 0), l.to);
  return { from, to: from < l.to ? l.to : from };
}

/**
 * An editor for one source. validate(text) answers the server's errors for this source
 * ([{line, column, message}]); it is called 600 ms after typing stops.
 */
export function createEditor(parent, { doc, readOnly = false, onChange, validate, label }) {
  const extensions = [
    basicSetup,
    drl,
    theme,
    EditorView.lineWrapping,
    // In the tab order, editable or not, so that its text can be reached, scrolled and read by keyboard.
    EditorView.contentAttributes.of({ 'aria-label': label ?? 'DRL', tabindex: '0' }),
  ];
  if (readOnly) {
    extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
  }
  if (onChange) {
    extensions.push(EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }));
  }
  if (validate) {
    extensions.push(lintGutter(), linter(async (view) => {
      const errors = await validate(view.state.doc.toString());
      if (!errors) return [];
      return errors.map((e) => ({ ...position(view.state.doc, e.line, e.column), severity: 'error', message: compilerText(e.message), source: 'Drools' }));
    }, { delay: 600 }));
  }
  // In a shadow root, CodeMirror's styles go into a constructed stylesheet: the server's CSP
  // (default-src 'self') refuses the <style> elements it would add to the document itself.
  const root = parent.shadowRoot ?? parent.attachShadow({ mode: 'open' });
  root.replaceChildren();
  return new EditorView({ doc, extensions, parent: root, root });
}
