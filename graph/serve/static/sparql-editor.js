/* kg serve's /sparql page: YASGUI on this endpoint, with the named queries a click away.
   Configuration comes from the page's JSON block (#kg-config); nothing is loaded from elsewhere:
   the prefix and vocabulary look-ups YASGUI can do over the network are off. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var prefixes = Object.keys(config.prefixes).map(function (p) {
    return "PREFIX " + p + ": <" + config.prefixes[p] + ">";
  }).join("\n");
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    corsProxy: undefined,
    persistenceId: "kg-serve-yasgui",
    populateFromUrl: true,
    yasqe: {
      value: prefixes + "\n\n" + config.example,
      autocompleters: ["prefixes", "variables"],
      prefixCcApi: undefined
    },
    yasr: { prefixes: config.prefixes }
  });
  window.kgYasgui = yasgui;
  var list = document.getElementById("named");
  config.queries.forEach(function (q) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = q.name;
    button.title = q.description;
    button.setAttribute("data-query", q.name);
    button.addEventListener("click", function () {
      var tab = yasgui.addTab(true, { name: q.name, yasqe: { value: q.text } });
      tab.show();
    });
    list.appendChild(button);
  });
  document.getElementById("share").addEventListener("click", function () {
    var link = yasgui.getTab().getShareableLink();
    var field = document.getElementById("permalink");
    field.value = link;
    field.hidden = false;
    field.select();
  });
})();
