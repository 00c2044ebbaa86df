// api.js: the page's own calls, authorised by the client secret alone (sent in
// a header, never in a URL after the first load).
"use strict";
(function () {
  var secret = new URLSearchParams(location.search).get("client_secret") || "";
  function ApiError(status, code, message) {
    this.status = status; this.code = code; this.message = message;
  }
  function call(method, path, body, contentType) {
    var headers = { "X-Client-Secret": secret };
    if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
    return fetch(path, {
      method: method, headers: headers, credentials: "omit", cache: "no-store",
      body: body === undefined ? undefined : (contentType ? body : JSON.stringify(body))
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) {
          var e = (data && data.error) || {};
          throw new ApiError(res.status, e.code || "server", e.message || ("The sandbox answered " + res.status));
        }
        return data;
      });
    }, function () {
      throw new ApiError(0, "network", "The sandbox could not be reached. Check that it is still running, then try again.");
    });
  }
  window.FSApi = {
    ApiError: ApiError,
    state: function () { return call("GET", "/verify/api/state"); },
    advance: function (body) { return call("POST", "/verify/api/advance", body); },
    cancel: function (reason) { return call("POST", "/verify/api/cancel", { reason: reason }); },
    upload: function (nodeId, kind, blob) {
      return call("POST", "/verify/api/media?node=" + encodeURIComponent(nodeId) + "&kind=" + kind, blob, blob.type || "image/jpeg");
    }
  };
})();
