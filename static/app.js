/* Madoguchi customer portal: progressive enhancement (nav toggle, drop-downs, dismiss/confirm helpers). */
(() => {
  'use strict';

  // First, so the CSS only hides the narrow-screen nav when this script can reopen it.
  document.documentElement.classList.add('js');

  const openDropdowns = () => document.querySelectorAll('.site-nav details[open]');

  // `keep` may sit inside an open panel; that panel must stay open too.
  function closeDropdowns(keep) {
    for (const d of openDropdowns()) {
      if (!keep || !d.contains(keep)) d.open = false;
    }
  }

  // The menu on one line beside the brand, or the ≡ menu when it does not fit there.
  function fitNav(nav) {
    const root = document.documentElement;
    const wasOpen = nav.classList.contains('open');
    root.classList.remove('nav-compact');
    nav.classList.remove('open');
    const brand = document.querySelector('.brand');
    const oneLine = !brand || nav.offsetTop < brand.offsetTop + brand.offsetHeight / 2;
    const fits = oneLine && nav.scrollWidth <= nav.clientWidth + 1;
    root.classList.toggle('nav-compact', !fits && window.innerWidth >= 900);
    if (wasOpen) nav.classList.add('open');
  }

  function init() {
    const toggle = document.querySelector('.nav-toggle');
    const nav = toggle && document.getElementById(toggle.getAttribute('aria-controls'));

    const setNav = (open) => {
      toggle.setAttribute('aria-expanded', String(open));
      nav.classList.toggle('open', open);
    };

    if (nav) {
      toggle.addEventListener('click', () => {
        setNav(toggle.getAttribute('aria-expanded') !== 'true');
      });
      fitNav(nav);
      let pending = false;
      window.addEventListener('resize', () => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          fitNav(nav);
        });
      });
    }

    // 'toggle' does not bubble, so each <details> needs its own listener.
    for (const d of document.querySelectorAll('.site-nav details')) {
      d.addEventListener('toggle', () => {
        if (d.open) closeDropdowns(d);
      });
    }

    document.addEventListener('click', (e) => {
      closeDropdowns(e.target);

      const trigger = e.target.closest('[data-dismiss]');
      if (!trigger) return;
      let target = null;
      try {
        target = trigger.closest(trigger.getAttribute('data-dismiss'));
      } catch {
        // An invalid selector in the markup should not break the rest of the page.
      }
      if (target) {
        e.preventDefault();
        target.remove();
      }
    });

    // Keyboard users tabbing past a panel would otherwise leave it covering the page.
    // focusin (not focusout) because Safari does not focus clicked buttons/summaries.
    document.addEventListener('focusin', (e) => closeDropdowns(e.target));

    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      const open = [...openDropdowns()];
      // Innermost first: a second Escape then closes the narrow-screen nav.
      if (open.length) {
        for (const d of open) {
          const hadFocus = d.contains(document.activeElement);
          d.open = false;
          if (hadFocus) d.querySelector('summary').focus();
        }
        return;
      }
      if (nav && nav.classList.contains('open')) {
        const active = document.activeElement;
        setNav(false);
        // Don't yank focus out of a field the user is typing in elsewhere on the page.
        if (!active || active === document.body || nav.contains(active) || active === toggle) {
          toggle.focus();
        }
      }
    });

    document.addEventListener('submit', (e) => {
      const form = e.target;
      if (form instanceof HTMLFormElement && form.hasAttribute('data-confirm') &&
          !window.confirm(form.getAttribute('data-confirm'))) {
        e.preventDefault();
      }
    });
  }

  // defer normally runs us before DOMContentLoaded, but stay correct if loaded later.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }

  // Contacts (src/pages/contacts.c): Ctrl+S (⌘S) saves a form marked data-ctrl-s, and the
  // create form proposes the user ID (the e-mail address + ".cs", the address cut to 37
  // characters first) while the field is empty or still holds the previous proposal.
  function contactForms() {
    document.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 's') return;
      const forms = document.querySelectorAll('form[data-ctrl-s]');
      const form = [...forms].find((f) => f.contains(document.activeElement)) || (forms.length === 1 && forms[0]);
      if (!form) return;
      e.preventDefault();
      form.requestSubmit();
    });
    const propose = (email) => (email.length > 37 ? email.slice(0, 37) : email).toLowerCase() + '.cs';
    document.addEventListener('focusin', (e) => {
      if (e.target.id === 'email' && e.target.form?.hasAttribute('data-propose-login')) {
        e.target.dataset.was = e.target.value.trim();
      }
    });
    document.addEventListener('input', (e) => {
      const email = e.target;
      const login = email.form?.elements.user_id;
      if (email.id !== 'email' || !login || !email.form.hasAttribute('data-propose-login')) return;
      const was = email.dataset.was || '';
      if (login.value === '' || (was && login.value === propose(was))) {
        login.value = email.value.trim() ? propose(email.value.trim()) : '';
      }
      email.dataset.was = email.value.trim();
    });
  }
  contactForms();
})();
