/* Madoguchi: form enhancements (live password checklist and strength, resend countdown). The server decides; this only shows. */
(() => {
  'use strict';

  const SYMBOLS = '!@#$%&*?+-=';

  // Mirrors auth/policy.c for what a browser can know; the dictionary rule is the server's.
  function checks(profile, min, max, pw, confirm, personal) {
    const chars = [...pw];
    const lower = pw.toLowerCase();
    const r = {
      length: chars.length >= min && chars.length <= max,
      repeat: pw.length > 0 && chars.every((c) => c === chars[0]) === false,
      personal: !personal.some((p) => p.length >= 3 && lower.includes(p.toLowerCase())),
      confirm: confirm === null ? true : pw.length > 0 && pw === confirm,
    };
    if (profile === 'guide') {
      r.lower = /[a-z]/.test(pw);
      r.upper = /[A-Z]/.test(pw);
      r.digit = /[0-9]/.test(pw);
      r.symbol = [...SYMBOLS].some((s) => pw.includes(s));
      r.charset = [...pw].every((c) => /[A-Za-z0-9]/.test(c) || SYMBOLS.includes(c));
    }
    return r;
  }

  function strength(pw) {
    let classes = 0;
    for (const re of [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/]) if (re.test(pw)) classes++;
    const unique = new Set(pw).size;
    const score = pw.length + classes * 3 + Math.min(unique, 12);
    return score >= 40 ? 'strong' : score >= 28 ? 'fair' : 'weak';
  }

  function setupRules(box) {
    const form = box.closest('form');
    const input = form && form.querySelector('#' + box.dataset.for);
    if (!input) return;
    const confirmInput = box.dataset.confirm ? form.querySelector('#' + box.dataset.confirm) : null;
    const user = form.querySelector('[autocomplete="username"]');
    const personal = user && user.value ? [user.value, user.value.split('@')[0]] : [];
    const label = box.querySelector('.pw-strength');
    const submit = form.querySelector('[data-needs-rules]');
    const update = () => {
      const pw = input.value;
      const r = checks(box.dataset.profile, +box.dataset.min, +box.dataset.max, pw,
        confirmInput ? confirmInput.value : null, personal);
      let all = true;
      for (const li of box.querySelectorAll('li[data-rule]')) {
        const rule = li.dataset.rule;
        if (!(rule in r)) continue; // the dictionary rule: decided on submit
        li.classList.toggle('ok', pw.length > 0 && r[rule]);
        li.classList.toggle('ng', pw.length > 0 && !r[rule]);
        all = all && r[rule];
      }
      if (label) label.textContent = pw ? label.dataset[strength(pw)] : '';
      if (submit) submit.disabled = !all;
    };
    input.addEventListener('input', update);
    if (confirmInput) confirmInput.addEventListener('input', update);
    update();
  }

  // <button disabled data-countdown="28" data-countdown-text="… %d …" data-ready-text="…">
  function setupCountdown(btn) {
    let left = +btn.dataset.countdown;
    const tick = () => {
      left--;
      if (left <= 0) {
        btn.disabled = false;
        btn.textContent = btn.dataset.readyText;
        return;
      }
      btn.textContent = btn.dataset.countdownText.replace('%d', String(left));
      setTimeout(tick, 1000);
    };
    setTimeout(tick, 1000);
  }

  // <form data-upload> with files: send it with XHR to show the upload's progress.
  // Without script the form posts normally; the server is the same either way.
  function setupUpload(form) {
    const bar = form.querySelector('.upload-progress');
    form.addEventListener('submit', (ev) => {
      const files = [...form.querySelectorAll('input[type=file]')].some((i) => i.files.length);
      if (!files || !bar || ev.defaultPrevented) return;
      ev.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      bar.hidden = false;
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener('load', () => {
        if (xhr.status < 400 && xhr.responseURL) {
          window.location.assign(xhr.responseURL);
        } else {
          document.documentElement.innerHTML = xhr.responseText;
        }
      });
      xhr.addEventListener('error', () => {
        bar.hidden = true;
        form.submit();
      });
      form.querySelectorAll('button[type=submit]').forEach((b) => { b.disabled = true; });
      xhr.send(new FormData(form));
    });
  }

  function init() {
    document.querySelectorAll('form[data-upload]').forEach(setupUpload);
    document.querySelectorAll('.pw-rules').forEach(setupRules);
    document.querySelectorAll('button[data-countdown]').forEach(setupCountdown);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
