/**
 * A plain HTML drawing of an Adaptive Card as the Bot Connector received it, for tests to
 * look at and screenshot in Chromium. It is not Teams' renderer (none can be installed
 * here; the Agents Playground that has one is run by hand): it draws only the elements the
 * bot's cards use (TextBlock, FactSet, Container, ActionSet, Input.ChoiceSet expanded,
 * Input.Date, Input.Text, Action.Execute, Action.OpenUrl, Action.ToggleVisibility), with
 * each input's value as the card sets it, in a Teams-like light theme. Anything else is drawn
 * as a visible "[unsupported: type]" so a screenshot never hides what it left out.
 */

// biome-ignore lint/suspicious/noExplicitAny: the card is arbitrary JSON.
type Json = any;

const esc = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** The whole page: the card in a chat bubble, with a heading naming what it shows. */
export function cardPreviewPage(card: Json, options: { title: string; caption: string }): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(options.title)}</title><style>
body{margin:0;background:#f5f5f5;font:14px/1.45 "Segoe UI","DejaVu Sans",sans-serif;color:#242424}
main{max-width:560px;margin:16px auto;padding:0 12px}
.caption{font-size:12px;color:#616161;margin:0 0 8px}
.bubble{background:#fff;border-radius:6px;box-shadow:0 1px 2px rgba(0,0,0,.14);padding:16px}
.tb{margin:0 0 8px}.bold{font-weight:600}.medium{font-size:18px}.large{font-size:20px}.subtle{color:#616161}.attention{color:#b10e1c}.warning{color:#835b00}.good{color:#0e700e}
table.facts{border-collapse:collapse;margin:0 0 10px}table.facts th{text-align:left;padding:2px 16px 2px 0;vertical-align:top;font-weight:600}table.facts td{padding:2px 0}
label{display:block;font-weight:600;margin:10px 0 4px}fieldset{border:0;padding:0;margin:10px 0 4px}legend{font-weight:600;padding:0;margin-bottom:4px}
.choice{display:block;margin:2px 0}textarea,input[type=text]{width:100%;box-sizing:border-box;border:1px solid #d1d1d1;border-radius:4px;padding:6px 8px;font:inherit}
textarea{min-height:72px}.actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:12px}
button{font:inherit;font-weight:600;border-radius:4px;padding:5px 12px;border:1px solid #d1d1d1;background:#fff;color:#242424}button.primary{background:#5b5fc7;border-color:#5b5fc7;color:#fff}
.unsupported{color:#b10e1c}
</style></head><body><main><h1 class="caption">${esc(options.caption)}</h1><div class="bubble">${elements(card.body ?? [])}${actions(card.actions ?? [])}</div></main></body></html>`;
}

function elements(list: Json[]): string {
  return list.map(element).join('');
}

function element(e: Json): string {
  if (!e || e.isVisible === false) return '';
  switch (e.type) {
    case 'TextBlock': {
      const classes = ['tb', e.weight === 'Bolder' ? 'bold' : '', e.size === 'Medium' ? 'medium' : e.size === 'Large' ? 'large' : '', e.isSubtle ? 'subtle' : '', e.color ? String(e.color).toLowerCase() : ''].filter(Boolean);
      return `<p class="${classes.join(' ')}">${esc(e.text)}</p>`;
    }
    case 'FactSet':
      return `<table class="facts">${(e.facts ?? []).map((f: Json) => `<tr><th scope="row">${esc(f.title)}</th><td>${esc(f.value)}</td></tr>`).join('')}</table>`;
    case 'Container':
      return `<div>${elements(e.items ?? [])}</div>`;
    case 'ActionSet':
      return actions(e.actions ?? []);
    case 'Input.ChoiceSet': {
      const choices = (e.choices ?? []).map(
        (c: Json) => `<label class="choice" style="font-weight:400"><input type="radio" name="${esc(e.id)}" value="${esc(c.value)}"${c.value === e.value ? ' checked' : ''}> ${esc(c.title)}</label>`,
      );
      return `<fieldset><legend>${esc(e.label)}${e.isRequired ? ' *' : ''}</legend>${choices.join('')}</fieldset>`;
    }
    case 'Input.Date':
      // A text box with the card's own value: Chromium would draw a date picker in the machine's locale (US order), which Teams does not.
      return `<label for="${esc(e.id)}">${esc(e.label)}${e.isRequired ? ' *' : ''}</label><input type="text" id="${esc(e.id)}" value="${esc(e.value)}">`;
    case 'Input.Text':
      return e.isMultiline
        ? `<label for="${esc(e.id)}">${esc(e.label)}${e.isRequired ? ' *' : ''}</label><textarea id="${esc(e.id)}" placeholder="${esc(e.placeholder)}">${esc(e.value)}</textarea>`
        : `<label for="${esc(e.id)}">${esc(e.label)}${e.isRequired ? ' *' : ''}</label><input type="text" id="${esc(e.id)}" value="${esc(e.value)}">`;
    default:
      return `<p class="unsupported">[unsupported: ${esc(e.type)}]</p>`;
  }
}

function actions(list: Json[]): string {
  if (list.length === 0) return '';
  const buttons = list.map((a: Json) => {
    if (!['Action.Execute', 'Action.OpenUrl', 'Action.ToggleVisibility', 'Action.Submit'].includes(a.type)) return `<span class="unsupported">[unsupported: ${esc(a.type)}]</span>`;
    return `<button type="button"${a.style === 'positive' || a.type === 'Action.Execute' ? ' class="primary"' : ''}>${esc(a.title)}</button>`;
  });
  return `<div class="actions">${buttons.join('')}</div>`;
}
