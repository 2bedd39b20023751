using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Tasklane.Client;
using Tasklane.Web;
using Tasklane.Web.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The app is served by the API host: the API is this page's origin.
var server = new Uri(builder.HostEnvironment.BaseAddress);
builder.Services.AddSingleton<Session>();
builder.Services.AddSingleton<ErrorBanner>();

// One HttpClient for the API (the typed client and its event stream), carrying the session's token; the object store gets
// its own (ObjectStore), which never sees the token.
builder.Services.AddSingleton(sp => new HttpClient(
    new SessionHandler(sp.GetRequiredService<Session>(), server) { InnerHandler = new HttpClientHandler() }
));

// The typed client. Its adapter sends no credentials itself (the handler does), as TasklaneClientFactory does.
builder.Services.AddSingleton<IRequestAdapter>(sp => new HttpClientRequestAdapter(
    new AnonymousAuthenticationProvider(),
    httpClient: sp.GetRequiredService<HttpClient>()
)
{
    BaseUrl = server.GetLeftPart(UriPartial.Authority),
});
builder.Services.AddSingleton(sp => new TasklaneApiClient(sp.GetRequiredService<IRequestAdapter>()));
builder.Services.AddSingleton(sp => new LiveStream(sp.GetRequiredService<HttpClient>(), server));
builder.Services.AddSingleton<ObjectStore>();
builder.Services.AddSingleton<Inbox>();

await builder.Build().RunAsync();
