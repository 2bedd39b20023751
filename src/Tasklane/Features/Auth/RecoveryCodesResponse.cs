using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Auth;

/// <summary>
/// New recovery codes, shown this once (only their hashes are stored): each signs in once in place of a TOTP code. Any earlier
/// codes no longer work.
/// </summary>
public sealed record RecoveryCodesResponse(
    [property:
        MinLength(TwoFactorCodes.RecoveryCodeCount),
        MaxLength(TwoFactorCodes.RecoveryCodeCount),
        ValueMaxLength(TwoFactorCodes.RecoveryCodeLength)
    ]
        string[] RecoveryCodes
);
