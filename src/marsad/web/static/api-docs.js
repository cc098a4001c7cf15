// Starts Swagger UI on /api/docs over this server's OpenAPI document. A file, not an inline script:
// the Content-Security-Policy allows scripts from this origin only. validatorUrl null: Swagger UI
// would otherwise send the document to a validator on another host.
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
