using System.Text;
using System.Text.Json;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>A JSON request body, serialized the way the API reads it.</summary>
public static class JsonBody
{
    public static StringContent Of(object value) => new(JsonSerializer.Serialize(value, RegistryApi.Json), Encoding.UTF8, "application/json");
}
