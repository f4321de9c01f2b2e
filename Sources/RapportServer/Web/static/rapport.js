// Every page: the progress box of long actions, the error page's "Go back" link and the self-refreshing
// job page. Served as a file (no inline script), so a strict Content-Security-Policy can forbid inline code.
(function () {
  // Long actions: show what is running and for how long until the next page arrives.
  document.addEventListener('submit', function (event) {
    var button = event.submitter, form = event.target;
    var text = (button && button.getAttribute('data-progress')) || form.getAttribute('data-progress');
    if (!text) return;
    var box = document.getElementById('progress'), label = box.querySelector('span'), started = Date.now();
    box.hidden = false; label.textContent = text;
    try { sessionStorage.setItem('rapport-progress', text); } catch (e) {}
    setInterval(function () { label.textContent = text + ' ' + Math.round((Date.now() - started) / 1000) + ' s'; }, 1000);
    setTimeout(function () { form.querySelectorAll('button').forEach(function (b) { b.disabled = true; }); }, 0);
  });

  // "Go back" on the error page: the page the user came from, with what they typed still in it.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('[data-history-back]');
    if (!link) return;
    event.preventDefault();
    history.back();
  });

  // A page that is waiting for background work (the import's job page) reloads itself until it is done.
  var waiting = document.querySelector('[data-reload-after]');
  if (waiting) {
    var delay = parseInt(waiting.getAttribute('data-reload-after'), 10) || 1000;
    setTimeout(function () { location.reload(); }, delay);
  }
})();

// Confirmation before destructive actions: a form with data-confirm asks first in a modal <dialog>
// (built here, so pages stay free of inline code); without script the form posts as before.
(function () {
  var dialog, pending;
  function build() {
    dialog = document.createElement('dialog');
    dialog.id = 'confirm-dialog';
    dialog.setAttribute('aria-labelledby', 'confirm-text');
    var text = document.createElement('p'), row = document.createElement('div');
    text.id = 'confirm-text'; row.className = 'actions';
    var yes = document.createElement('button'), no = document.createElement('button');
    yes.type = no.type = 'button'; yes.id = 'confirm-yes'; no.id = 'confirm-no';
    yes.className = 'danger'; yes.textContent = 'Yes, go ahead'; no.textContent = 'No, keep it';
    row.appendChild(yes); row.appendChild(no); dialog.appendChild(text); dialog.appendChild(row);
    document.body.appendChild(dialog);
    no.addEventListener('click', function () { dialog.close(); pending = null; });
    yes.addEventListener('click', function () {
      var form = pending && pending.form, submitter = pending && pending.submitter;
      dialog.close(); pending = null;
      if (!form) return;
      form.setAttribute('data-confirmed', 'true');
      if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
    });
  }
  document.addEventListener('submit', function (event) {
    var form = event.target, question = form.getAttribute && form.getAttribute('data-confirm');
    if (!question || form.getAttribute('data-confirmed') === 'true' || !window.HTMLDialogElement) return;
    event.preventDefault(); event.stopImmediatePropagation();
    if (!dialog) build();
    pending = { form: form, submitter: event.submitter };
    document.getElementById('confirm-text').textContent = question;
    dialog.showModal();
    document.getElementById('confirm-no').focus();
  }, true);
})();

// The worksheet's keyboard shortcuts, listed on the page (#shortcuts).
(function () {
  var help = document.querySelector('[data-shortcuts]'), filters = document.getElementById('select-contacts');
  if (!help) return;
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
  }
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey && event.key === 'Enter' && filters && filters.contains(event.target)) {
      var add = filters.querySelector('button[value=add]');
      if (add) { event.preventDefault(); filters.requestSubmit(add); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var go = {
      '/': function () { var first = filters && filters.querySelector('input[type=text]'); if (first) first.focus(); },
      'p': function () { var b = filters && filters.querySelector('button[value=preview]'); if (b) b.click(); },
      'g': function () { var link = document.querySelector('#lines a, #lines input'); if (link) link.focus(); },
      'c': function () { var b = document.querySelector('form[aria-label="Log check"] button'); if (b) b.click(); },
      '?': function () { help.open = !help.open; help.querySelector('summary').focus(); },
    }[event.key];
    if (go) { event.preventDefault(); go(); }
  });
})();
