import { describe, expect, test } from "vitest";
import { cholesky, choleskyInverse, choleskyLogDet, choleskySolve, covariance, matmul, matrix, pooledCovariance, quadraticForm, symmetricEigen } from "../../src/math/linalg.js";

// A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]]: L by hand = [[2,0,0],[1,2,0],[0,0.5,√2.75]], det = 4·(15−1) − 2·6 = 44
const a = matrix(3, 3, [4, 2, 0, 2, 5, 1, 0, 1, 3]);

describe("linalg", () => {
  test("cholesky() of a hand-computed 3×3 matrix", () => {
    const l = cholesky(a)!;
    expect(Array.from(l.data).map((v) => +v.toFixed(12))).toEqual([2, 0, 0, 1, 2, 0, 0, 0.5, +Math.sqrt(2.75).toFixed(12)]);
    expect(choleskyLogDet(l)).toBeCloseTo(Math.log(44), 12);
  });

  test("cholesky() returns null for a singular or indefinite matrix", () => {
    expect(cholesky(matrix(2, 2, [1, 1, 1, 1]))).toBeNull();
    expect(cholesky(matrix(2, 2, [1, 2, 2, 1]))).toBeNull();
  });

  test("choleskySolve(), choleskyInverse() and quadraticForm() agree with A", () => {
    const l = cholesky(a)!;
    const x = choleskySolve(l, [1, 2, 3]);
    const back = [0, 1, 2].map((i) => a.data[i * 3] * x[0] + a.data[i * 3 + 1] * x[1] + a.data[i * 3 + 2] * x[2]);
    back.forEach((v, i) => expect(v).toBeCloseTo(i + 1, 12));
    const prod = matmul(a, choleskyInverse(l));
    prod.data.forEach((v, i) => expect(v).toBeCloseTo(i % 4 === 0 ? 1 : 0, 12));
    expect(quadraticForm(l, [1, 2, 3])).toBeCloseTo(x[0] + 2 * x[1] + 3 * x[2], 12);
  });

  test("symmetricEigen() returns ascending eigenvalues with orthonormal eigenvectors reconstructing A", () => {
    const { values, vectors } = symmetricEigen(a);
    expect(values[0]).toBeLessThan(values[1]);
    expect(values[0] + values[1] + values[2]).toBeCloseTo(12, 10); // trace
    expect(values[0] * values[1] * values[2]).toBeCloseTo(44, 9); // determinant
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += vectors.data[i * 3 + k] * values[k] * vectors.data[j * 3 + k];
      expect(s).toBeCloseTo(a.data[i * 3 + j], 10);
    }
  });

  test("covariance() and pooledCovariance() match hand values", () => {
    const x = matrix(3, 2, [1, 2, 3, 4, 5, 9]); // means (3, 5); deviations (−2,−3), (0,−1), (2,4)
    expect(Array.from(covariance(x).data)).toEqual([4, 7, 7, 13]);
    expect(Array.from(covariance(x, 0).data).map((v) => +v.toFixed(12))).toEqual([8 / 3, 14 / 3, 14 / 3, 26 / 3].map((v) => +v.toFixed(12)));
    const y = matrix(2, 2, [0, 0, 2, 2]); // scatter [[2,2],[2,2]]
    expect(Array.from(pooledCovariance([x, y]).data)).toEqual([10 / 3, 16 / 3, 16 / 3, 28 / 3]);
  });
});
