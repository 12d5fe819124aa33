export { kernelTour } from './demo/kernel-tour.ts';
