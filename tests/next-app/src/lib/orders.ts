// Runtime stand-in for the order work (`@/lib/orders`) that background-jobs moves out of the request.
export async function generateInvoice(orderId: string): Promise<{ invoiceId: string }> {
  return { invoiceId: `inv-${orderId}` };
}

export async function sendOrderConfirmation(_orderId: string): Promise<void> {}

export async function reserveInventory(_orderId: string): Promise<void> {}
