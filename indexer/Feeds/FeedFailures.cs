using System.Xml;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Protocol.Core.Types;

namespace ApiTruth.Indexer.Feeds;

/// <summary>
/// Sorts the exceptions NuGet throws while listing, downloading or extracting into the reasons callers act on.
/// NuGet wraps most failures in <see cref="FatalProtocolException"/>, so the cause is found in the inner chain.
/// </summary>
internal static class FeedFailures
{
    /// <summary>The reason for <paramref name="exception"/>, or null when it is not a feed failure at all.</summary>
    public static UnavailableReason? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // A damaged zip, a missing or malformed nuspec, a signature that does not verify.
                case InvalidDataException or XmlException or PackagingException or SignatureException:
                    return UnavailableReason.Corrupt;
                case PackageUnavailableException unavailable:
                    return unavailable.Reason;
            }
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException or IOException or TimeoutException or FatalProtocolException
                    or System.Net.Sockets.SocketException:
                    return UnavailableReason.Network;

                // HttpClient reports its own timeout as a cancellation that nobody asked for.
                case TaskCanceledException:
                    return UnavailableReason.Network;
            }
        }

        return null;
    }

    /// <summary>The innermost message, which is where NuGet puts the concrete cause, kept to one line.</summary>
    public static string Describe(Exception exception)
    {
        var outer = OneLine(exception.Message);
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        if (ReferenceEquals(inner, exception))
        {
            return outer;
        }

        var innerMessage = OneLine(inner.Message);
        return outer.Contains(innerMessage, StringComparison.Ordinal) ? outer : $"{outer} ({innerMessage})";
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
