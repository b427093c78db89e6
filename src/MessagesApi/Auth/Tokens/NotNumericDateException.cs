using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>A lifetime claim (exp, nbf, iat) that is not a JSON number: RFC 7519 defines them as NumericDate, and
/// IdentityModel would otherwise read a string such as "1999999999" as a date.</summary>
internal sealed class NotNumericDateException(string claim)
    : SecurityTokenInvalidLifetimeException($"The token's {claim} is not a number (NumericDate).");
