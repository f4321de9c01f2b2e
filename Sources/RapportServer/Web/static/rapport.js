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
