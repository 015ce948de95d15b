import { describe, expect, it } from 'vitest';
import { directionOf } from '../../../src/core/answer/direction.js';
import { sharedBrain } from '../harness.js';

describe('the move a message asks about', () => {
  const kb = () => sharedBrain().knowledge;

  it('GIVEN "from A to B", "A to B" or "to B from A" THEN A is where from and B where to', () => {
    expect(directionOf(kb(), 'migrate vmware vms to proxmox', ['esxi', 'proxmox'])).toEqual({ from: 'esxi', to: 'proxmox' });
    expect(directionOf(kb(), 'should we migrate to proxmox from vmware', ['proxmox', 'esxi'])).toEqual({ from: 'esxi', to: 'proxmox' });
    expect(directionOf(kb(), 'move vms from proxmox to esxi', ['virtual-machine', 'proxmox', 'esxi'])).toEqual({ from: 'proxmox', to: 'esxi' });
  });

  it('GIVEN two products side by side with no move between them, or one product THEN no direction', () => {
    expect(directionOf(kb(), 'proxmox vs esxi for a homelab', ['proxmox', 'esxi'])).toBeUndefined();
    expect(directionOf(kb(), 'how to move vms to proxmox', ['virtual-machine', 'proxmox'])).toBeUndefined();
  });
});
