import { float } from '../../onnx';
import type { OpConverter } from './context';
import { foldBinary } from './nodes';

/** TF binary op → ONNX op and the JS function that folds it on constants. */
const binary: Record<string, [string, (a: number, b: number) => number]> = {
  Add: ['Add', (a, b) => a + b],
  AddV2: ['Add', (a, b) => a + b],
  Sub: ['Sub', (a, b) => a - b],
  Mul: ['Mul', (a, b) => a * b],
  RealDiv: ['Div', (a, b) => a / b],
  Maximum: ['Max', Math.max],
  Minimum: ['Min', Math.min],
};
/** TF unary op → the ONNX op of the same meaning. */
const unary: Record<string, string> = {
  Sigmoid: 'Sigmoid',
  Tanh: 'Tanh',
  Exp: 'Exp',
  Sqrt: 'Sqrt',
  Neg: 'Neg',
  Relu: 'Relu',
  Abs: 'Abs',
  Log: 'Log',
};

/** Binary arithmetic, folded in JS when both sides are constants (shape arithmetic). */
const binaryOp: OpConverter = (cx, node, inputs) => {
  const [onnxOp, f] = binary[node.op]!;
  const l = cx.resolve(inputs[0]!);
  const r = cx.resolve(inputs[1]!);
  if (l.kind === 'const' && r.kind === 'const') cx.setConst(node, foldBinary(l.value, r.value, f));
  else cx.setValue(node, cx.g.op(onnxOp, [cx.value(inputs[0]!), cx.value(inputs[1]!)], {}, node.name));
};

const unaryOp: OpConverter = (cx, node, inputs) => {
  cx.setValue(node, cx.g.op(unary[node.op]!, [cx.value(inputs[0]!)], {}, node.name));
};

/** Elementwise arithmetic and activations. */
export const ELEMENTWISE_OPS: Record<string, OpConverter> = {
  ...Object.fromEntries(Object.keys(binary).map((op) => [op, binaryOp])),
  ...Object.fromEntries(Object.keys(unary).map((op) => [op, unaryOp])),
  Relu6: (cx, node, inputs) =>
    cx.setValue(
      node,
      cx.g.op('Clip', [cx.value(inputs[0]!), cx.zero(), cx.g.scalar('six', 6)], {}, node.name),
    ),
  LeakyRelu: (cx, node, inputs, a) =>
    cx.setValue(
      node,
      cx.g.op('LeakyRelu', [cx.value(inputs[0]!)], { alpha: float(a.alpha?.f ?? 0.2) }, node.name),
    ),
  Elu: (cx, node, inputs) =>
    cx.setValue(node, cx.g.op('Elu', [cx.value(inputs[0]!)], { alpha: float(1) }, node.name)),
  Rsqrt: (cx, node, inputs) =>
    cx.setValue(node, cx.g.op('Reciprocal', [cx.g.op('Sqrt', [cx.value(inputs[0]!)])], {}, node.name)),
  Square: (cx, node, inputs) => {
    const x = cx.value(inputs[0]!);
    cx.setValue(node, cx.g.op('Mul', [x, x], {}, node.name));
  },
  Softmax: (cx, node, inputs) =>
    cx.setValue(node, cx.g.op('Softmax', [cx.value(inputs[0]!)], { axis: -1 }, node.name)),
};
