/* Madoguchi: announcement banners (pages/announcements.c). × closes a banner in place; without this script the same form posts and home comes back. */
(() => {
  'use strict';

  document.addEventListener('submit', async (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('kb-banner-dismiss')) return;
    e.preventDefault();
    const banner = form.closest('.kb-banner');
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'fetch' },
        body: new URLSearchParams(new FormData(form)).toString(),
        credentials: 'same-origin',
        redirect: 'manual',
      });
      if (res.status !== 204) throw new Error(String(res.status));
      const section = banner.parentElement;
      const next = banner.nextElementSibling || banner.previousElementSibling;
      banner.remove();
      // Keep the keyboard where it was: on the next banner, else the page title.
      const focus = next ? next.querySelector('a') : document.querySelector('h1');
      if (!next && section && section.children.length === 0) section.remove();
      if (focus) {
        if (!next) focus.setAttribute('tabindex', '-1');
        focus.focus();
      }
    } catch {
      form.submit(); // fall back to the plain form
    }
  });
})();
