// The worksheet's live count: while the user types filters, ask the API what Add would do (the session
// cookie and the CSRF header sign the request). Without JavaScript the Preview button does the same.
(function () {
  var form = document.getElementById('select-contacts'), out = document.getElementById('live-count');
  if (!form || !out || !window.fetch) return;
  var timer, csrf = form.querySelector('input[name=csrf]').value;
  function body() {
    var filters = {}, request = { action: 'add', filters: filters, sample: false };
    form.querySelectorAll('input[data-filter]').forEach(function (input) {
      if (!input.value.trim()) return;
      var dot = input.name.indexOf('.'), table = input.name.slice(0, dot);
      (filters[table] = filters[table] || {})[input.name.slice(dot + 1)] = input.value;
    });
    form.querySelectorAll('input[data-add-option]').forEach(function (box) { if (box.checked) request[box.name] = true; });
    return request;
  }
  function update() {
    out.textContent = 'Counting…';
    fetch(form.getAttribute('data-preview'), { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body()) })
      .then(function (answer) { return answer.json().then(function (json) { return { ok: answer.ok, json: json }; }); })
      .then(function (result) {
        if (!result.ok) { out.textContent = result.json.error.message; return; }
        var skipped = result.json.skipped || {};
        out.textContent = result.json.wouldAdd + ' contacts would be added (' + (skipped.excludedFromSegment || 0) +
          ' excluded from segments, ' + (skipped.alreadyInSegment || 0) + ' already in the segment).';
      })
      .catch(function () { out.textContent = ''; });
  }
  function later() { clearTimeout(timer); timer = setTimeout(update, 400); }
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
