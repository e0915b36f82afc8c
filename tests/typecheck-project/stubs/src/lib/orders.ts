// Stand-in for slow order-processing work (`@/lib/orders`) that the
// background-jobs skill moves out of the request.
export declare function generateInvoice(orderId: string): Promise<{ invoiceId: string }>;

export declare function sendOrderConfirmation(orderId: string): Promise<void>;

export declare function reserveInventory(orderId: string): Promise<void>;
