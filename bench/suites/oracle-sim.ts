export { name, run } from '../../server/oracle/sim/sim-bench';
