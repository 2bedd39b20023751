using Microsoft.JSInterop;

namespace Tasklane.Web.Services;

/// <summary>
/// The signed-in user's bearer token. Kept in sessionStorage (not localStorage): the session ends with the tab, and another
/// tab or a stale browser profile never holds a token; the price is signing in again per tab. Never in a cookie, so the API
/// needs no CSRF defence.
/// </summary>
public sealed class Session(IJSRuntime js)
{
    public const string StorageKey = "tasklane.token";

    private bool _read;

    /// <summary>Raised when the user signs in or out (also when the API refuses the token: <see cref="SessionHandler"/>).</summary>
    public event Action? Changed;

    // WebAssembly runs JavaScript in process: sessionStorage is read synchronously, as the request handler needs.
    private IJSInProcessRuntime Js => (IJSInProcessRuntime)js;

    public string? Token
    {
        get
        {
            if (!_read)
            {
                field = Js.Invoke<string?>("sessionStorage.getItem", StorageKey);
                _read = true;
            }

            return field;
        }
        private set;
    }

    public bool SignedIn => Token is not null;

    public void SignIn(string token)
    {
        Js.InvokeVoid("sessionStorage.setItem", StorageKey, token);
        (Token, _read) = (token, true);
        Changed?.Invoke();
    }

    public void SignOut()
    {
        Js.InvokeVoid("sessionStorage.removeItem", StorageKey);
        (Token, _read) = (null, true);
        Changed?.Invoke();
    }
}
