using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sluice.MySql.Protocol;

/// <summary>
/// CRC-32 (IEEE, reflected) by folding 64 bytes at a time with carry-less multiplication, then a Barrett
/// reduction; several times faster than tables on long events. The constants are the bit-reflected ones of
/// Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ Instruction" for polynomial 0x104C11DB7.
/// </summary>
internal static class Crc32Folding
{
    /// <summary>Inputs shorter than this go through the tables; lengths must be a multiple of 16.</summary>
    public const int MinimumLength = 64;

    private static readonly Vector128<ulong> K1K2 = Vector128.Create(0x0154442bd4UL, 0x01c6e41596UL);
    private static readonly Vector128<ulong> K3K4 = Vector128.Create(0x01751997d0UL, 0x00ccaa009eUL);
    private static readonly Vector128<ulong> K5K0 = Vector128.Create(0x0163cd6124UL, 0UL);
    private static readonly Vector128<ulong> Poly = Vector128.Create(0x01db710641UL, 0x01f7011641UL);
    private static readonly Vector128<ulong> LowMask = Vector128.Create(0xFFFFFFFFu, 0u, 0xFFFFFFFFu, 0u).AsUInt64();

    public static bool IsSupported => Pclmulqdq.IsSupported && Sse41.IsSupported;

    /// <summary>Feeds <paramref name="data"/> (at least 64 bytes, a multiple of 16) into the running state.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        var x1 = Load(data, 0) ^ Vector128.CreateScalar(state).AsUInt64();
        var x2 = Load(data, 16);
        var x3 = Load(data, 32);
        var x4 = Load(data, 48);
        var offset = 64;

        var k = K1K2;
        for (; data.Length - offset >= 64; offset += 64)
        {
            x1 = Fold(x1, k, Load(data, offset));
            x2 = Fold(x2, k, Load(data, offset + 16));
            x3 = Fold(x3, k, Load(data, offset + 32));
            x4 = Fold(x4, k, Load(data, offset + 48));
        }

        k = K3K4;
        x1 = Fold(x1, k, x2);
        x1 = Fold(x1, k, x3);
        x1 = Fold(x1, k, x4);
        for (; data.Length - offset >= 16; offset += 16)
            x1 = Fold(x1, k, Load(data, offset));

        // 128 bits to 64.
        x2 = Pclmulqdq.CarrylessMultiply(x1, k, 0x10);
        x1 = Sse2.ShiftRightLogical128BitLane(x1.AsByte(), 8).AsUInt64() ^ x2;
        x2 = Sse2.ShiftRightLogical128BitLane(x1.AsByte(), 4).AsUInt64();
        x1 = Pclmulqdq.CarrylessMultiply(x1 & LowMask, K5K0, 0x00) ^ x2;

        // Barrett reduction to 32 bits.
        x2 = Pclmulqdq.CarrylessMultiply(x1 & LowMask, Poly, 0x10);
        x2 = Pclmulqdq.CarrylessMultiply(x2 & LowMask, Poly, 0x00);
        return (x1 ^ x2).AsUInt32().GetElement(1);
    }

    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

    private static Vector128<ulong> Load(ReadOnlySpan<byte> data, int offset) => Vector128.Create(data.Slice(offset, 16)).AsUInt64();
}
