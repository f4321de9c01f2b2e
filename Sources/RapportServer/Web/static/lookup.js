// Lookups on code fields (inputs with data-lookup): as the user types, the matching codes and their
// descriptions are listed under the field (an ARIA combobox: Down/Up choose, Enter takes, Escape closes),
// read from the API's own list with the session cookie. The field stays a plain text input, so filter
// expressions (JO|RB, A..C, <>X) are typed as before; the lookup completes the part after the last | or ,.
(function () {
  if (!window.fetch) return;
  var counter = 0;
  function setUp(input) {
    var list = document.createElement('ul'), id = (input.id || 'lookup' + (++counter)) + '-lookup';
    var timer, active = -1, items = [], asked = 0;
    list.id = id; list.className = 'lookup-list'; list.setAttribute('role', 'listbox'); list.hidden = true;
    list.setAttribute('aria-label', 'Matching codes');
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);
    function parts() {
      var value = input.value, cut = Math.max(value.lastIndexOf('|'), value.lastIndexOf(','));
      return { head: value.slice(0, cut + 1), term: value.slice(cut + 1).trim() };
    }
    function close() {
      list.hidden = true; active = -1; input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function mark(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, at) {
        li.setAttribute('aria-selected', at === index ? 'true' : 'false');
        if (at === index) { input.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({ block: 'nearest' }); }
      });
    }
    function take(index) {
      var part = parts();
      input.value = part.head + items[index].code;
      close();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      list.hidden = true;
    }
    function show(found) {
      items = found; list.textContent = '';
      found.forEach(function (item, index) {
        var li = document.createElement('li'), code = document.createElement('span');
        li.id = id + '-' + index; li.setAttribute('role', 'option'); li.setAttribute('aria-selected', 'false');
        code.className = 'code'; code.textContent = item.code;
        li.appendChild(code); li.appendChild(document.createTextNode(item.text));
        li.addEventListener('mousedown', function (event) { event.preventDefault(); take(index); });
        list.appendChild(li);
      });
      if (!found.length) { close(); return; }
      list.hidden = false; input.setAttribute('aria-expanded', 'true'); mark(-1);
    }
    function ask() {
      var term = parts().term, key = input.getAttribute('data-lookup-key'), textName = input.getAttribute('data-lookup-text');
      // Only plain text is looked up; a filter expression being written is left alone.
      if (!term || /[*&()<>=@'.]/.test(term)) { close(); return; }
      var number = ++asked, url = input.getAttribute('data-lookup') + '?limit=10&' + key + '=' +
        encodeURIComponent(term.toUpperCase() + '*');
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (answer) { return answer.ok ? answer.json() : { items: [] }; })
        .then(function (json) {
          if (number !== asked) return;
          show((json.items || []).map(function (item) {
            return { code: String(item[key]), text: item[textName] ? String(item[textName]) : '' };
          }));
        })
        .catch(close);
    }
    input.addEventListener('input', function (event) {
      if (!event.isTrusted && list.hidden) return;
      clearTimeout(timer); timer = setTimeout(ask, 150);
    });
    input.addEventListener('keydown', function (event) {
      if (list.hidden) {
        if (event.key === 'ArrowDown' && parts().term) { ask(); event.preventDefault(); }
        return;
      }
      if (event.key === 'ArrowDown') { mark(Math.min(active + 1, items.length - 1)); event.preventDefault(); }
      else if (event.key === 'ArrowUp') { mark(Math.max(active - 1, 0)); event.preventDefault(); }
      else if (event.key === 'Enter' && active >= 0) { take(active); event.preventDefault(); }
      else if (event.key === 'Escape') { close(); event.preventDefault(); }
    });
    input.addEventListener('blur', close);
  }
  document.querySelectorAll('input[data-lookup]').forEach(setUp);
})();
