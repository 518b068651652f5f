/* Madoguchi case list: the filter builder's field select swaps the operators and the value
   control (a list of states or categories, a date, or text) to fit the field. Without this
   script the server does the same on the next submit; the form works either way. */
(() => {
  'use strict';

  function kindOf(control) {
    if (control.tagName === 'SELECT') {
      return control.querySelector('option[value="new"]') ? 'state' : 'category';
    }
    return control.type === 'date' ? 'date' : 'text';
  }

  function swap(fieldSelect) {
    const row = fieldSelect.closest('.case-cond');
    const opt = fieldSelect.selectedOptions[0];
    if (!row || !opt) return;
    const kind = opt.dataset.kind || 'text';
    const allowed = (opt.dataset.ops || '').split(',');

    const ops = row.querySelector('.case-op');
    const opsTpl = document.getElementById('case-tpl-ops');
    if (ops && opsTpl) {
      const keep = ops.value;
      ops.replaceChildren();
      for (const o of opsTpl.content.querySelectorAll('option')) {
        if (allowed.includes(o.value)) ops.append(o.cloneNode(true));
      }
      ops.value = allowed.includes(keep) ? keep : allowed[0];
    }

    const old = row.querySelector('.case-value');
    const tpl = document.getElementById(`case-tpl-${kind}`);
    if (!old || !tpl || kindOf(old) === kind) return;
    const control = tpl.content.firstElementChild.cloneNode(true);
    control.id = old.id;
    control.name = old.name;
    if (kind === 'text' && old.tagName === 'INPUT') control.value = old.value;
    old.replaceWith(control);
    const error = row.querySelector('.field-error');
    if (error) error.remove();
  }

  function init() {
    document.addEventListener('change', (e) => {
      if (e.target instanceof HTMLSelectElement && e.target.classList.contains('case-field')) {
        swap(e.target);
      }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
