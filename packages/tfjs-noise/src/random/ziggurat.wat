;; The ziggurat Gaussian sampler of sampler.ts (fillNormalJs) in hand-written WebAssembly,
;; bit-identical to it: the same xoshiro128** words, the same tables, the same slow path.
;;
;; Memory layout (bytes), written by the loader (ziggurat_wasm.ts) once at instantiation,
;; except the state, which the loader writes before every call:
;;      0  SIGNED_K  i32[512]
;;   2048  SIGNED_W  f64[512]
;;   6144  W         f64[256]
;;   8192  F         f64[256]
;;  10240  state     i32[4]   xoshiro128** s0..s3 (read at entry, written back at exit)
;;  16384  output    f32[n] (fill32) or f64[n] (fill64)
;;
;; Math.log and Math.exp are imported from JS so that the rare slow path rounds exactly as the
;; JS sampler does. TAIL_START is imported too, so there is no decimal constant to re-parse.
;;
;; After editing, regenerate ziggurat_wasm_bytes.ts with `pnpm --filter tfjs-noise build:wasm`
;; (scripts/build_wasm.mjs, which compiles this file with the npm package wabt). A test checks
;; that the committed bytes are this file compiled.

(module
  (import "env" "log" (func $log (param f64) (result f64)))
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "tailStart" (global $tail f64))
  (memory (export "memory") 1)

  ;; Generator state used by the slow path (the hot loops keep it in locals).
  (global $g0 (mut i32) (i32.const 0))
  (global $g1 (mut i32) (i32.const 0))
  (global $g2 (mut i32) (i32.const 0))
  (global $g3 (mut i32) (i32.const 0))

  ;; nextOpenUniform: advances the global state, returns ((r >>> 0) + 0.5) * 2^-32.
  (func $u (result f64)
    (local $r i32) (local $t i32)
    (local.set $r
      (i32.mul (i32.rotl (i32.mul (global.get $g1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
    (local.set $t (i32.shl (global.get $g1) (i32.const 9)))
    (global.set $g2 (i32.xor (global.get $g2) (global.get $g0)))
    (global.set $g3 (i32.xor (global.get $g3) (global.get $g1)))
    (global.set $g1 (i32.xor (global.get $g1) (global.get $g2)))
    (global.set $g0 (i32.xor (global.get $g0) (global.get $g3)))
    (global.set $g2 (i32.xor (global.get $g2) (local.get $t)))
    (global.set $g3 (i32.rotl (global.get $g3) (i32.const 11)))
    (f64.mul
      (f64.add (f64.convert_i32_u (local.get $r)) (f64.const 0.5))
      (f64.const 0x1p-32)))

  ;; slowPath: accepted positive value, or NaN when the draw is rejected.
  (func $slow (param $layer i32) (param $m i32) (result f64)
    (local $tx f64) (local $ty f64) (local $x f64) (local $fl f64) (local $fh f64)
    (if (i32.eqz (local.get $layer))
      (then
        (loop $tail
          (local.set $tx
            (f64.div (f64.neg (call $log (call $u))) (global.get $tail)))
          (local.set $ty (f64.neg (call $log (call $u))))
          (br_if $tail
            (f64.lt
              (f64.add (local.get $ty) (local.get $ty))
              (f64.mul (local.get $tx) (local.get $tx)))))
        (return (f64.add (global.get $tail) (local.get $tx)))))
    (local.set $x
      (f64.mul
        (f64.convert_i32_u (local.get $m))
        (f64.load offset=6144 (i32.shl (local.get $layer) (i32.const 3)))))
    (local.set $fl (f64.load offset=8192 (i32.shl (local.get $layer) (i32.const 3))))
    (local.set $fh (f64.load offset=8184 (i32.shl (local.get $layer) (i32.const 3))))
    (if (result f64)
      (f64.lt
        (f64.add
          (local.get $fl)
          (f64.mul (call $u) (f64.sub (local.get $fh) (local.get $fl))))
        (call $exp (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x))))
      (then (local.get $x))
      (else (f64.const nan))))

  ;; fill32(n): n float32 samples at byte 16384.
  ;; The first loop takes two draws per iteration while at least two samples remain (each draw
  ;; writes at most one sample, so it never overshoots); the second finishes one draw at a time.
  ;; Either way the draws are the same sequence as in the JS sampler.
  (func (export "fill32") (param $n i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $r i32) (local $t i32) (local $j i32) (local $m i32)
    (local $p i32) (local $end i32) (local $x f64)
    (local.set $s0 (i32.load offset=10240 (i32.const 0)))
    (local.set $s1 (i32.load offset=10244 (i32.const 0)))
    (local.set $s2 (i32.load offset=10248 (i32.const 0)))
    (local.set $s3 (i32.load offset=10252 (i32.const 0)))
    (local.set $p (i32.const 16384))
    (local.set $end (i32.add (i32.const 16384) (i32.shl (local.get $n) (i32.const 2))))
    (block $pairs_done
      (br_if $pairs_done
        (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
      (loop $pairs
        (local.set $r
          (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $j (i32.and (local.get $r) (i32.const 511)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 9)))
        (if (i32.lt_u
              (local.get $m)
              (i32.load (i32.shl (local.get $j) (i32.const 2))))
          (then
            (f32.store (local.get $p)
              (f32.demote_f64
                (f64.mul
                  (f64.convert_i32_u (local.get $m))
                  (f64.load offset=2048 (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $p (i32.add (local.get $p) (i32.const 4))))
          (else
            (global.set $g0 (local.get $s0))
            (global.set $g1 (local.get $s1))
            (global.set $g2 (local.get $s2))
            (global.set $g3 (local.get $s3))
            (local.set $x
              (call $slow (i32.and (local.get $j) (i32.const 255)) (local.get $m)))
            (local.set $s0 (global.get $g0))
            (local.set $s1 (global.get $g1))
            (local.set $s2 (global.get $g2))
            (local.set $s3 (global.get $g3))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (f32.store (local.get $p)
                  (f32.demote_f64
                    (select
                      (local.get $x)
                      (f64.neg (local.get $x))
                      (i32.lt_u (local.get $j) (i32.const 256)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))))))
        (local.set $r
          (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $j (i32.and (local.get $r) (i32.const 511)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 9)))
        (if (i32.lt_u
              (local.get $m)
              (i32.load (i32.shl (local.get $j) (i32.const 2))))
          (then
            (f32.store (local.get $p)
              (f32.demote_f64
                (f64.mul
                  (f64.convert_i32_u (local.get $m))
                  (f64.load offset=2048 (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $p (i32.add (local.get $p) (i32.const 4))))
          (else
            (global.set $g0 (local.get $s0))
            (global.set $g1 (local.get $s1))
            (global.set $g2 (local.get $s2))
            (global.set $g3 (local.get $s3))
            (local.set $x
              (call $slow (i32.and (local.get $j) (i32.const 255)) (local.get $m)))
            (local.set $s0 (global.get $g0))
            (local.set $s1 (global.get $g1))
            (local.set $s2 (global.get $g2))
            (local.set $s3 (global.get $g3))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (f32.store (local.get $p)
                  (f32.demote_f64
                    (select
                      (local.get $x)
                      (f64.neg (local.get $x))
                      (i32.lt_u (local.get $j) (i32.const 256)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))))))
        (br_if $pairs
          (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $next
        (local.set $r
          (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $j (i32.and (local.get $r) (i32.const 511)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 9)))
        (if (i32.lt_u
              (local.get $m)
              (i32.load (i32.shl (local.get $j) (i32.const 2))))
          (then
            (f32.store (local.get $p)
              (f32.demote_f64
                (f64.mul
                  (f64.convert_i32_u (local.get $m))
                  (f64.load offset=2048 (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $p (i32.add (local.get $p) (i32.const 4))))
          (else
            (global.set $g0 (local.get $s0))
            (global.set $g1 (local.get $s1))
            (global.set $g2 (local.get $s2))
            (global.set $g3 (local.get $s3))
            (local.set $x
              (call $slow (i32.and (local.get $j) (i32.const 255)) (local.get $m)))
            (local.set $s0 (global.get $g0))
            (local.set $s1 (global.get $g1))
            (local.set $s2 (global.get $g2))
            (local.set $s3 (global.get $g3))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (f32.store (local.get $p)
                  (f32.demote_f64
                    (select
                      (local.get $x)
                      (f64.neg (local.get $x))
                      (i32.lt_u (local.get $j) (i32.const 256)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))))))
        (br_if $next (i32.lt_u (local.get $p) (local.get $end)))))
    (i32.store offset=10240 (i32.const 0) (local.get $s0))
    (i32.store offset=10244 (i32.const 0) (local.get $s1))
    (i32.store offset=10248 (i32.const 0) (local.get $s2))
    (i32.store offset=10252 (i32.const 0) (local.get $s3)))

  ;; fill64(n): n float64 samples at byte 16384 (same draws as fill32, no rounding to float32).
  ;; The first loop takes two draws per iteration while at least two samples remain (each draw
  ;; writes at most one sample, so it never overshoots); the second finishes one draw at a time.
  ;; Either way the draws are the same sequence as in the JS sampler.
  (func (export "fill64") (param $n i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $r i32) (local $t i32) (local $j i32) (local $m i32)
    (local $p i32) (local $end i32) (local $x f64)
    (local.set $s0 (i32.load offset=10240 (i32.const 0)))
    (local.set $s1 (i32.load offset=10244 (i32.const 0)))
    (local.set $s2 (i32.load offset=10248 (i32.const 0)))
    (local.set $s3 (i32.load offset=10252 (i32.const 0)))
    (local.set $p (i32.const 16384))
    (local.set $end (i32.add (i32.const 16384) (i32.shl (local.get $n) (i32.const 3))))
    (block $pairs_done
      (br_if $pairs_done
        (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 16)))
      (loop $pairs
        (local.set $r
          (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $j (i32.and (local.get $r) (i32.const 511)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 9)))
        (if (i32.lt_u
              (local.get $m)
              (i32.load (i32.shl (local.get $j) (i32.const 2))))
          (then
            (f64.store (local.get $p)
              (f64.mul
                (f64.convert_i32_u (local.get $m))
                (f64.load offset=2048 (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8))))
          (else
            (global.set $g0 (local.get $s0))
            (global.set $g1 (local.get $s1))
            (global.set $g2 (local.get $s2))
            (global.set $g3 (local.get $s3))
            (local.set $x
              (call $slow (i32.and (local.get $j) (i32.const 255)) (local.get $m)))
            (local.set $s0 (global.get $g0))
            (local.set $s1 (global.get $g1))
            (local.set $s2 (global.get $g2))
            (local.set $s3 (global.get $g3))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (f64.store (local.get $p)
                  (select
                    (local.get $x)
                    (f64.neg (local.get $x))
                    (i32.lt_u (local.get $j) (i32.const 256))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))))))
        (local.set $r
          (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $j (i32.and (local.get $r) (i32.const 511)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 9)))
        (if (i32.lt_u
              (local.get $m)
              (i32.load (i32.shl (local.get $j) (i32.const 2))))
          (then
            (f64.store (local.get $p)
              (f64.mul
                (f64.convert_i32_u (local.get $m))
                (f64.load offset=2048 (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8))))
          (else
            (global.set $g0 (local.get $s0))
            (global.set $g1 (local.get $s1))
            (global.set $g2 (local.get $s2))
            (global.set $g3 (local.get $s3))
            (local.set $x
              (call $slow (i32.and (local.get $j) (i32.const 255)) (local.get $m)))
            (local.set $s0 (global.get $g0))
            (local.set $s1 (global.get $g1))
            (local.set $s2 (global.get $g2))
            (local.set $s3 (global.get $g3))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (f64.store (local.get $p)
                  (select
                    (local.get $x)
                    (f64.neg (local.get $x))
                    (i32.lt_u (local.get $j) (i32.const 256))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))))))
        (br_if $pairs
          (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 16)))))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $next
        (local.set $r
          (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $j (i32.and (local.get $r) (i32.const 511)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 9)))
        (if (i32.lt_u
              (local.get $m)
              (i32.load (i32.shl (local.get $j) (i32.const 2))))
          (then
            (f64.store (local.get $p)
              (f64.mul
                (f64.convert_i32_u (local.get $m))
                (f64.load offset=2048 (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8))))
          (else
            (global.set $g0 (local.get $s0))
            (global.set $g1 (local.get $s1))
            (global.set $g2 (local.get $s2))
            (global.set $g3 (local.get $s3))
            (local.set $x
              (call $slow (i32.and (local.get $j) (i32.const 255)) (local.get $m)))
            (local.set $s0 (global.get $g0))
            (local.set $s1 (global.get $g1))
            (local.set $s2 (global.get $g2))
            (local.set $s3 (global.get $g3))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (f64.store (local.get $p)
                  (select
                    (local.get $x)
                    (f64.neg (local.get $x))
                    (i32.lt_u (local.get $j) (i32.const 256))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))))))
        (br_if $next (i32.lt_u (local.get $p) (local.get $end)))))
    (i32.store offset=10240 (i32.const 0) (local.get $s0))
    (i32.store offset=10244 (i32.const 0) (local.get $s1))
    (i32.store offset=10248 (i32.const 0) (local.get $s2))
    (i32.store offset=10252 (i32.const 0) (local.get $s3)))
)
