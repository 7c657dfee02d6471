// types.mts — consumer 5: the published types resolve through the exports map.
import { load, type Lab, type Metrics } from 'relu-lab';
import { schema, type Field } from 'relu-lab/schema';

const lab: Lab = await load({ simd: false });
const net = lab.network({ hidden: [4], activation: 'relu' });
const data = lab.dataset({ name: 'xor' });
const m: Metrics = net.train(data, { epochs: 1 });
const f: Field | undefined = schema[0];
export { m, f };
